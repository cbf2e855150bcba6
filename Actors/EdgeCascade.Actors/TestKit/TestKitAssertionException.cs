namespace EdgeCascade.Actors.TestKit;

/// <summary>An expectation of a <see cref="TestProbe"/> was not met. Test frameworks report it as a failure.</summary>
public sealed class TestKitAssertionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TestKitAssertionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TestKitAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TestKitAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
