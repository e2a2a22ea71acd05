using IntegrationHub.Cli;

return await HubCli.InvokeAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
