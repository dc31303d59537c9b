using Nad.Core.Catalog;
using Nad.Core.Detectors;

namespace Nad.Core.Tests.Detectors;

/// <summary>The model used when none is named must exist and accept its target; the hybrid and the forest refuse families.</summary>
public class DefaultModelTests
{
    [Theory]
    [InlineData(PredictionTarget.Attack, "hybrid")]
    [InlineData(PredictionTarget.Family, "lightgbm")]
    public void The_default_model_of_each_target_is_supervised_and_accepts_that_target(PredictionTarget target, string expected)
    {
        var name = DetectorCatalog.DefaultModel(target);
        Assert.Equal(expected, name);
        var entry = DetectorCatalog.Get(name);
        Assert.True(entry.IsSupervised);
        Assert.Equal(name, entry.CreateTrainer(new TrainerSettings { Target = target }).Name);
    }

    [Theory]
    [InlineData("hybrid")]
    [InlineData("random-forest")]
    public void Normal_attack_only_models_refuse_the_family_target(string name)
    {
        var error = Assert.Throws<TrainingSettingException>(() => DetectorCatalog.Get(name).CreateTrainer(new TrainerSettings { Target = PredictionTarget.Family }));
        Assert.Contains("normal/attack only", error.Message);
    }
}
