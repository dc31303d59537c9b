using Nad.Cli;

return await NadApp.RunAsync(args, Console.Out, Console.Error);
