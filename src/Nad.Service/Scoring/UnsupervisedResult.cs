using Nad.Service.Models;

namespace Nad.Service.Scoring;

/// <summary>The unsupervised detector's verdict on one record.</summary>
public sealed record UnsupervisedResult(double AnomalyScore, bool Anomalous, double Threshold, ModelRef Model, string[]? UnseenCategories);
