using BenchmarkDotNet.Running;

// On a loaded 2-core machine the generated benchmark project can exceed BenchmarkDotNet's 2-minute build limit;
// pass --inProcess (e.g. `-- --filter '*Conv*' --job short --inProcess`) to skip that build entirely.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
