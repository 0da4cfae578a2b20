namespace DeepPrep.Nn;

/// <summary>
/// Saving and loading parameter values by name, as PyTorch's <c>state_dict()</c> / <c>load_state_dict()</c>.
/// The names are those of <see cref="Module.NamedParameters"/> ("0.weight", "2.bias", …), so two modules built
/// the same way have the same names, and a part of one network can be copied into another (transfer learning:
/// copy the hidden layers of a trained network into a fresh one, keep its new output layer).
/// </summary>
/// <remarks>
/// Loading copies values <b>into</b> the target's existing parameter tensors rather than replacing them: the
/// tensors keep their identity, their RequiresGrad flag and their place in any optimizer already holding them.
/// Gradients and optimizer state (momentum, Adam moments) are not part of a state dict: build the optimizer
/// after loading, as you would for a fresh run.
/// </remarks>
public static class StateDict
{
    /// <summary>
    /// A copy of every parameter's current value, by dotted name. Later training of the module does not change
    /// the copy (a snapshot, e.g. the weights after pre-training).
    /// </summary>
    public static Dictionary<string, Tensor> Save(Module module) =>
        module.NamedParameters().ToDictionary(p => p.Name, p => p.Value.Clone());

    /// <summary>
    /// Copies values into <paramref name="target"/>'s parameters with the same names.
    /// </summary>
    /// <param name="target">The module whose parameters are overwritten (in place).</param>
    /// <param name="values">Values by name, e.g. from <see cref="Save"/>; each must have the parameter's shape
    /// (a different dtype is converted).</param>
    /// <param name="strict">If true (the default), every parameter of the target must get a value and every value
    /// must match a parameter. If false, parameters without a value keep theirs and extra values are ignored.</param>
    /// <returns>The names that were copied, in the target's parameter order.</returns>
    /// <exception cref="ArgumentException">A shape differs, or (strict) a name is missing or unknown.</exception>
    public static IReadOnlyList<string> Load(Module target, IReadOnlyDictionary<string, Tensor> values, bool strict = true)
    {
        var parameters = target.NamedParameters().ToList();
        if (strict)
        {
            var missing = parameters.Select(p => p.Name).Where(n => !values.ContainsKey(n)).ToList();
            var unknown = values.Keys.Where(k => parameters.All(p => p.Name != k)).ToList();
            if (missing.Count > 0 || unknown.Count > 0)
                throw new ArgumentException($"StateDict.Load: names do not match (missing: [{string.Join(", ", missing)}]; " +
                                            $"unknown: [{string.Join(", ", unknown)}]). Pass strict: false to copy only the common ones.");
        }
        // Check every shape before writing anything, so a failed load leaves the target untouched.
        foreach (var (name, parameter) in parameters)
            if (values.TryGetValue(name, out var value) && !value.Shape.SequenceEqual(parameter.Shape))
                throw new ArgumentException($"StateDict.Load: '{name}' is {Shapes.Format(parameter.Shape)} in the target " +
                                            $"but {Shapes.Format(value.Shape)} in the values.");
        var copied = new List<string>();
        foreach (var (name, parameter) in parameters)
        {
            if (!values.TryGetValue(name, out var value)) continue;
            var source = value.To(parameter.DType);   // no-op when the dtypes agree
            if (parameter.DType == DType.Float32) source.AsSpan<float>().CopyTo(parameter.AsSpan<float>());
            else source.AsSpan<double>().CopyTo(parameter.AsSpan<double>());
            copied.Add(name);
        }
        return copied;
    }

    /// <summary>
    /// Copies the parameters of <paramref name="source"/> whose names pass <paramref name="include"/> into the
    /// parameters of the same names in <paramref name="target"/>: <c>StateDict.Copy(pretrained, fresh, n => !n.StartsWith("4."))</c>
    /// copies everything but layer 4. Returns the names copied.
    /// </summary>
    public static IReadOnlyList<string> Copy(Module source, Module target, Func<string, bool>? include = null)
    {
        var selected = source.NamedParameters().Where(p => include?.Invoke(p.Name) ?? true)
                             .ToDictionary(p => p.Name, p => p.Value);
        return Load(target, selected, strict: include == null);
    }
}
