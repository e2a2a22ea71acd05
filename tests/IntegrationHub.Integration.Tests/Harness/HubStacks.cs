namespace IntegrationHub.Integration.Tests.Harness;

/// <summary>Theory data for tests that must hold on both stacks.</summary>
public static class HubStacks
{
    public static TheoryData<HubStack> Both => [HubStack.Embedded, HubStack.Production];
}
