namespace Nad.Core.Training;

/// <summary>
/// The scores of leave-attack-types-out validation, pooled over its rounds: every row was scored
/// by a model that never saw it, and every attack row once by a model that never saw its type.
/// <see cref="Rows"/> are the data set's row indices (an attack row appears twice: as a novel and as a seen type);
/// the order depends only on the labels and the seed, so two trainers' pools line up row by row.
/// </summary>
public sealed record NovelAttackPool(bool[] Truth, double[] Scores, bool[] Novel, int[] Rows, string[][] Groups)
{
    public int NormalRows => Truth.Count(t => !t);
    public int NovelAttackRows => Novel.Count(n => n);
    public int SeenAttackRows => Truth.Length - NormalRows - NovelAttackRows;
}
