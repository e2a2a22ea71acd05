namespace IntegrationHub.Mapping.Definition;

public enum NumberUnit
{
    None,
    Yuan,
    WanYuan,
}
