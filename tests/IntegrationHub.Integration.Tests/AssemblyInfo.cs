// The hubs under test share two cores and one PostgreSQL/RabbitMQ: run test classes one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
