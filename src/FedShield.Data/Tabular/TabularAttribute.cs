namespace FedShield.Data.Tabular;

/// <summary>One input attribute of a tabular file, in file order.</summary>
/// <param name="Name">The attribute's name, used for feature names (<c>age</c>, <c>workclass=Private</c>).</param>
/// <param name="Categories">The attribute's value codes when it is categorical (one-hot encoded), or null when it is numeric.</param>
internal sealed record TabularAttribute(string Name, CategoryCodes? Categories)
{
    public bool IsCategorical => Categories is not null;

    public static TabularAttribute Numeric(string name) => new(name, null);

    public static TabularAttribute Categorical(string name) => new(name, new CategoryCodes(name));
}
