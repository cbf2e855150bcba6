namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// The receiving node took the message and refused it for good (a policy it does not run, a flow it does not know,
/// a corrupt image): it was not accepted and will not be sent again. <see cref="Exception.Message"/> says which node
/// and why.
/// </summary>
public sealed class MessageRejectedException : TransportException
{
    public MessageRejectedException()
    {
    }

    public MessageRejectedException(string message)
        : base(message)
    {
    }

    public MessageRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
