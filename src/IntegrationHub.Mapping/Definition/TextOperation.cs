namespace IntegrationHub.Mapping.Definition;

public enum TextOperation
{
    Trim,
    HalfWidth,
    Upper,
    Lower,
    CollapseSpaces,
    DocumentNumber,
    NullIfEmpty,
}
