using IntegrationHub.Benchmarks;

// Measures the hub on generated data: the pipeline end to end (PipelineBenchmark), the indicator reports
// (IndicatorBenchmark), the file readers (FileReadBenchmark) or change data capture from PostgreSQL (CaptureBenchmark).
// A program, not a test: it prints figures, which go to docs/benchmarks.md.
var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 2;
}

if (HostRuntime.Mismatch() is { } mismatch)
{
    Console.Error.WriteLine(mismatch);
    return 2;
}

var work = options.WorkDirectory is { } kept ? Directory.CreateDirectory(kept).FullName : Directory.CreateTempSubdirectory("hub-bench-").FullName;
var settings = new Dictionary<string, string?>
{
    ["Hub:Urls"] = "http://127.0.0.1:0",
    ["Hub:DataDirectory"] = Path.Combine(work, "data"),
    ["Hub:ConnectorsDirectory"] = Path.Combine(work, "connectors"),
    ["Hub:Samples"] = "false",
};

try
{
    return await MeasureAsync();
}
finally
{
    // The figures are printed; the stores, sources and files behind them are not kept (a million-record run leaves
    // over 10 GB), unless --work asked to keep them.
    try
    {
        if (options.WorkDirectory is null)
            Directory.Delete(work, recursive: true);
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"could not remove the work directory {work}: {ex.Message}");
    }
}

async Task<int> MeasureAsync()
{
    if (options.Mode == "files")
    {
        Console.WriteLine($"mode=files {HostRuntime.Description}");
        return await FileReadBenchmark.RunAsync(options, work);
    }

    if (options.Mode == "cdc")
        return await CaptureBenchmark.RunAsync(options, work, settings);

    if (options.Mode == "indicators")
    {
        Console.WriteLine($"mode=indicators stack={options.Stack} records={options.Records} {HostRuntime.Description}");
        return await IndicatorBenchmark.RunAsync(options, work);
    }

    return options.Workers > 0
        ? await ScaleOutBenchmark.RunAsync(options, work, settings)
        : await PipelineBenchmark.RunAsync(options, work, settings);
}
