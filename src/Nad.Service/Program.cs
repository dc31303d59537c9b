using Nad.Service;

// Standalone entry point (`dotnet run --project src/Nad.Service`); `nad serve` calls the same builder.
var app = NadService.Build(args);
await app.RunAsync();
