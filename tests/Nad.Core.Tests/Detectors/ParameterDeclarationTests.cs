using System.Globalization;
using Nad.Core.Catalog;
using Nad.Core.Detectors;

namespace Nad.Core.Tests.Detectors;

/// <summary>Every catalog model's parameters come from its one declaration: defaults, ranges, refusals and the echo.</summary>
public class ParameterDeclarationTests
{
    public static TheoryData<string> Models() => [.. DetectorCatalog.Names];

    private static IDetectorTrainer Create(string model, params (string Name, string Value)[] parameters) =>
        DetectorCatalog.Get(model).CreateTrainer(new TrainerSettings { Parameters = parameters.ToDictionary(p => p.Name, p => p.Value) });

    [Theory]
    [MemberData(nameof(Models))]
    public void The_echo_holds_every_declared_parameter_at_its_default(string model)
    {
        var entry = DetectorCatalog.Get(model);
        var echo = entry.CreateTrainer(TrainerSettings.Default).Parameters;
        foreach (var parameter in entry.Declaration.Parameters.Where(p => p.Kind != ParameterKind.Prefix && p.OnlyFor is null))
            Assert.Equal(parameter.Default, echo[parameter.Name]);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void An_unknown_name_is_refused_listing_the_names_the_model_takes(string model)
    {
        var error = Assert.Throws<InvalidParameterException>(() => Create(model, ("no-such-parameter", "1")));
        Assert.Equal("no-such-parameter", error.Parameter);
        Assert.Null(error.Value);
        foreach (var parameter in DetectorCatalog.Get(model).Declaration.Parameters) Assert.Contains(parameter.DisplayName, error.Message);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Numbers_are_taken_at_their_bounds_and_refused_just_outside_naming_the_range(string model)
    {
        foreach (var parameter in DetectorCatalog.Get(model).Declaration.Parameters.Where(p => p.Kind is ParameterKind.Integer or ParameterKind.Real))
        {
            var step = parameter.Kind == ParameterKind.Integer ? 1 : Math.Max(1e-12, (parameter.Max - parameter.Min) * 1e-3);
            var outside = parameter.Max + step;
            var error = Assert.Throws<InvalidParameterException>(() => Create(model, (parameter.Name, Text(outside))));
            Assert.Equal((parameter.Name, Text(outside), parameter.Expected), (error.Parameter, error.Value, error.Expected));

            foreach (var bound in new[] { parameter.MinExclusive ? parameter.Min + step : parameter.Min, parameter.Max })
            {
                try
                {
                    Create(model, (parameter.Name, Text(bound)));
                }
                catch (InvalidParameterException e) when (e.Expected != parameter.Expected)
                {
                    // A rule between parameters (the LightGBM forest must sample rows or features), not this one's range.
                }
            }
        }
    }

    [Fact]
    public void Defaults_may_follow_another_parameter_and_words_are_matched_without_case()
    {
        var fastForest = Create("random-forest", ("engine", "FastForest")).Parameters;
        Assert.Equal(("fastforest", "0.7", "1", "0.7"), (fastForest["engine"], fastForest["feature-fraction"], fastForest["split-fraction"], fastForest["row-fraction"]));
        Assert.Equal("0.632", Create("random-forest").Parameters["row-fraction"]);
        Assert.Equal("true", Create("isolation-forest", ("bootstrap", "True")).Parameters["bootstrap"]);
        Assert.Equal("64,32", Create("neural-network", ("hidden", "64, 32")).Parameters["hidden"]);
    }

    [Fact]
    public void A_family_only_parameter_is_checked_always_and_echoed_for_the_family_target_only()
    {
        Assert.DoesNotContain("class-weight", Create("lightgbm").Parameters.Keys);
        Assert.Throws<InvalidParameterException>(() => Create("lightgbm", ("class-weight", "heavy")));
        var family = DetectorCatalog.Get("lightgbm").CreateTrainer(new TrainerSettings
        {
            Target = PredictionTarget.Family,
            Parameters = new Dictionary<string, string> { ["class-weight"] = "balanced" },
        });
        Assert.Equal("balanced", family.Parameters["class-weight"]);
    }

    [Fact]
    public void The_family_capable_models_are_derived_from_the_declarations()
    {
        Assert.Equal(["logistic-regression", "lightgbm", "neural-network"], DetectorCatalog.ModelsFor(PredictionTarget.Family));
        Assert.Equal(DetectorCatalog.Names, DetectorCatalog.ModelsFor(PredictionTarget.Attack));
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
