using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// The default 2-minute limit for building the generated benchmark project is too short on the shared
// 2-core machine (the build alone took longer while training ran); `--inProcess` avoids the build entirely.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, DefaultConfig.Instance.WithBuildTimeout(TimeSpan.FromMinutes(10)));
