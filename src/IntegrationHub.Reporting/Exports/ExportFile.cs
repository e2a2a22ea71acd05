namespace IntegrationHub.Reporting.Exports;

/// <summary>An exported file: its bytes, content type and download name. The API and dashboard send it as it is.</summary>
public sealed record ExportFile(byte[] Bytes, string ContentType, string FileName);
