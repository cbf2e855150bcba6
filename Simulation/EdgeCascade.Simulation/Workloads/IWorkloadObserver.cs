using EdgeCascade.Actors.Messages;

namespace EdgeCascade.Simulation.Workloads;

/// <summary>Told about every arrival and about each flow's workload finishing.</summary>
public interface IWorkloadObserver
{
    /// <summary><paramref name="image"/> arrived at its source.</summary>
    void OnArrived(ImageTrace image);

    /// <summary>The workload of flow <paramref name="flowIndex"/> will produce no more arrivals.</summary>
    void OnWorkloadFinished(int flowIndex);
}
