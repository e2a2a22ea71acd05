namespace IntegrationHub.Integration.Tests.Security;

/// <summary>The tests that share one <see cref="MatrixHub"/> (it takes some seconds to set up).</summary>
[CollectionDefinition(MatrixHub.Collection)]
public sealed class MatrixHubCollection : ICollectionFixture<MatrixHub>;
