namespace DeepPrep.Optim;

/// <summary>A learning rate as a function of the epoch (0-based). The trainer sets it before each epoch.</summary>
public abstract record LearningRateSchedule(double Initial)
{
    public abstract double Rate(int epoch);

    /// <summary>Always the initial rate.</summary>
    public static LearningRateSchedule Constant(double rate) => new ConstantRate(rate);
    /// <summary>Multiply by γ every <paramref name="stepSize"/> epochs: η₀·γ^⌊epoch/stepSize⌋.</summary>
    public static LearningRateSchedule StepDecay(double initial, int stepSize, double gamma) => new StepRate(initial, stepSize, gamma);
    /// <summary>η₀·γ^epoch.</summary>
    public static LearningRateSchedule Exponential(double initial, double gamma) => new ExponentialRate(initial, gamma);
    /// <summary>Cosine annealing from η₀ to <paramref name="minimum"/> over <paramref name="epochs"/>: η_min + ½(η₀ − η_min)(1 + cos(π·epoch/epochs)).</summary>
    public static LearningRateSchedule Cosine(double initial, int epochs, double minimum = 0) => new CosineRate(initial, epochs, minimum);
}

public sealed record ConstantRate(double Value) : LearningRateSchedule(Value)
{
    public override double Rate(int epoch) => Value;
}

public sealed record StepRate(double Start, int StepSize, double Gamma) : LearningRateSchedule(Start)
{
    public override double Rate(int epoch) =>
        StepSize <= 0 ? throw new InvalidOperationException($"StepDecay: step size must be positive, got {StepSize}.")
                      : Start * Math.Pow(Gamma, epoch / StepSize);
}

public sealed record ExponentialRate(double Start, double Gamma) : LearningRateSchedule(Start)
{
    public override double Rate(int epoch) => Start * Math.Pow(Gamma, epoch);
}

public sealed record CosineRate(double Start, int Epochs, double Minimum) : LearningRateSchedule(Start)
{
    public override double Rate(int epoch) =>
        Minimum + 0.5 * (Start - Minimum) * (1 + Math.Cos(Math.PI * Math.Min(epoch, Epochs) / Math.Max(1, Epochs)));
}
