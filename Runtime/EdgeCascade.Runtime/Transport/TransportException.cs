namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// A transport failure worth one line to the user: broker unreachable, payload over the limit, a message the
/// broker refused, a delivery settled after its subscription closed.
/// </summary>
public class TransportException : Exception
{
    public TransportException()
    {
    }

    public TransportException(string message)
        : base(message)
    {
    }

    public TransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
