namespace IntegrationHub.Connectors.Files;

/// <summary>How the files of a file connector are written.</summary>
public enum FileFormat
{
    Csv,
    Xlsx,
    Json,
    JsonLines,
    Xml,
}
