namespace Nad.Alerts.Export;

/// <summary>What became of one batch: delivered or not, and how many times it was sent again after a failure.</summary>
public readonly record struct DeliveryReport(bool Delivered, int Retries)
{
    public static DeliveryReport Sent(int retries = 0) => new(true, retries);

    public static DeliveryReport Dropped(int retries) => new(false, retries);
}
