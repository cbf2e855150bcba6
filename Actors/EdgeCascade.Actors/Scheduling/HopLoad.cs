namespace EdgeCascade.Actors.Scheduling;

/// <summary>Predicted load of one hop under a policy.</summary>
/// <param name="Index">Hop index, 0 for the hop leaving the source.</param>
/// <param name="From">Sending node.</param>
/// <param name="To">Receiving node.</param>
/// <param name="Level">Level transmitted over the hop.</param>
/// <param name="PredictedBits">Predicted bitstream size for one image.</param>
/// <param name="BudgetBits">Bits the link carries per image: bandwidth × seconds per image.</param>
public sealed record HopLoad(int Index, string From, string To, int Level, double PredictedBits, double BudgetBits)
{
    /// <summary>PredictedBits / BudgetBits (∞ when the budget is zero and bits are needed).</summary>
    public double Utilisation => Budgets.Ratio(PredictedBits, BudgetBits);

    /// <summary>True when the predicted bits fit the link budget.</summary>
    public bool Fits => Utilisation <= 1.0;
}
