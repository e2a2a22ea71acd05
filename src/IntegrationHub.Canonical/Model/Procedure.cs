namespace IntegrationHub.Canonical.Model;

/// <summary>案件程序类别: 简易程序 or 普通 (一般) 程序.</summary>
public enum Procedure
{
    Simple,
    Ordinary,
}
