using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("EdgeCascade.Codec.Tests")]
