namespace EdgeCascade.Actors.Kernel;

/// <summary>Restart bookkeeping a parent keeps for one child, for the strategy's retry limit.</summary>
internal sealed class ChildRestartStats
{
    private int _restartCount;
    private long _windowStartNs;

    public int RestartCount => _restartCount;

    /// <summary>Counts a restart and says whether it stays within the limit.</summary>
    public bool RequestRestartPermission(int maxNrOfRetries, long windowNs, long nowNs)
    {
        if (maxNrOfRetries < 0)
        {
            return true;
        }

        if (windowNs <= 0)
        {
            _restartCount++;
            return _restartCount <= maxNrOfRetries;
        }

        // A fresh window opens with the first failure after the previous window has elapsed.
        if (_restartCount == 0 || nowNs - _windowStartNs > windowNs)
        {
            _windowStartNs = nowNs;
            _restartCount = 1;
        }
        else
        {
            _restartCount++;
        }

        return _restartCount <= maxNrOfRetries;
    }
}
