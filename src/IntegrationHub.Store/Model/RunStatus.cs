namespace IntegrationHub.Store.Model;

public enum RunStatus
{
    Running,
    Completed,
    Failed,
    Interrupted,
}
