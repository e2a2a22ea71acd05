using Microsoft.Extensions.Options;
using IntegrationHub.Host.Configuration;
using IntegrationHub.Store;
using IntegrationHub.Store.Batches;
using IntegrationHub.Store.Leases;
using IntegrationHub.Store.Sql;
using Npgsql;

namespace IntegrationHub.Host.Hosting;

internal static class StoreServiceCollectionExtensions
{
    /// <summary>The SQLite store's connection string: the configured one, or <c>{DataDirectory}/hub.db</c>.</summary>
    public static string SqliteConnectionString(HubOptions hub) => hub.Store.ConnectionString ?? $"Data Source={hub.DataPath("hub.db")}";

    /// <summary>The PostgreSQL store's connection string, which must be configured.</summary>
    public static string PostgresConnectionString(HubOptions hub) =>
        string.IsNullOrWhiteSpace(hub.Store.ConnectionString)
            ? throw new OptionsValidationException("Hub:Store:ConnectionString", typeof(StoreOptions), ["Hub:Store:ConnectionString is required when Hub:Store:Provider is postgres (an Npgsql connection string)."])
            : hub.Store.ConnectionString;

    public static IServiceCollection AddHubStore(this IServiceCollection services, HubOptions hub)
    {
        switch (hub.Store.Provider)
        {
            case "sqlite":
                var sqlite = new SqliteDialect(SqliteConnectionString(hub));
                StoreLogMetrics.Observe(sqlite);
                services.AddSingleton<StoreDialect>(sqlite);
                break;
            case "postgres":
                // The store writer repeats the same few statements for every batch: let Npgsql prepare them.
                var postgres = new NpgsqlConnectionStringBuilder(PostgresConnectionString(hub));
                if (postgres.MaxAutoPrepare == 0)
                    postgres.MaxAutoPrepare = 64;
                services.AddSingleton(_ => NpgsqlDataSource.Create(postgres.ConnectionString));
                services.AddSingleton<StoreDialect>(sp => new PostgresDialect(sp.GetRequiredService<NpgsqlDataSource>()));
                break;
            default:
                throw new OptionsValidationException("Hub:Store:Provider", typeof(StoreOptions), [$"Hub:Store:Provider is '{hub.Store.Provider}'; use sqlite or postgres."]);
        }

        services.AddSingleton<ISupervisionStore>(sp => new SqlSupervisionStore(sp.GetRequiredService<StoreDialect>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => BatchCommitters.For(sp.GetRequiredService<StoreDialect>(), sp.GetRequiredService<TimeProvider>()));
        // Each role of the store on its own, so that a part of the hub asks for what it uses and nothing else: every
        // interface ISupervisionStore is made of, read from the type itself, so a new role is registered with it.
        foreach (var role in typeof(ISupervisionStore).GetInterfaces())
            services.AddSingleton(role, sp => sp.GetRequiredService<ISupervisionStore>());
        services.AddSingleton<IDeliveryCursors>(sp => new SqlDeliveryCursors(sp.GetRequiredService<StoreDialect>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IntegrationHub.Store.Assessments.ICaseAssessmentStore>(sp =>
            new SqlCaseAssessmentStore(sp.GetRequiredService<StoreDialect>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ProcessIdentity>();
        services.AddSingleton<ILeases>(sp => new SqlLeases(sp.GetRequiredService<StoreDialect>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new LeaseKeeper(sp.GetRequiredService<ILeases>(), sp.GetRequiredService<ProcessIdentity>(),
            sp.GetRequiredService<TimeProvider>(), hub.Leases.Duration, sp.GetRequiredService<ILogger<LeaseKeeper>>()));
        services.AddHostedService<StoreMigrator>();
        services.AddHostedService<LeaseRenewal>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        return services;
    }
}
