namespace EdgeCascade.Actors.Scheduling;

internal static class Budgets
{
    /// <summary>usage / budget, with 0/0 = 0 and x/0 = ∞ for x &gt; 0.</summary>
    public static double Ratio(double usage, double budget)
    {
        if (usage <= 0)
        {
            return 0;
        }

        return budget <= 0 ? double.PositiveInfinity : usage / budget;
    }
}
