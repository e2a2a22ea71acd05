namespace IntegrationHub.Samples;

/// <summary>Storage type of a sample source column: INTEGER/BIGINT, TEXT or NUMERIC in the created table.</summary>
public enum SampleColumnType
{
    Integer,
    Text,
    Decimal,
}
