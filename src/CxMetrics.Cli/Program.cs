using CxMetrics.Cli.Commands;

return ToolCommands.Run(args, Console.Out, Console.Error);
