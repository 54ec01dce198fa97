using System.Reflection;
using System.Xml.Linq;

namespace FedShield.Architecture.Tests;

/// <summary>
/// The layering of ../shared/DESIGN.md, asserted on the project files (declared references) and on
/// the built assemblies (actual references), so drift fails CI.
/// </summary>
public class DependencyRuleTests
{
    // Which FedShield projects each project may reference directly. A project missing from this
    // table fails the test: adding a layer means deciding its place here.
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["FedShield.Tensors"] = [],
        ["FedShield.Nn"] = ["FedShield.Tensors"],
        ["FedShield.Data"] = ["FedShield.Tensors"],
        ["FedShield.Federation"] = [],
        ["FedShield.Robust"] = ["FedShield.Federation"],
        ["FedShield.Privacy"] = ["FedShield.Federation"],
        ["FedShield.Attacks"] = ["FedShield.Federation"],
        ["FedShield.Learning"] = ["FedShield.Federation", "FedShield.Nn", "FedShield.Tensors", "FedShield.Data"],
        ["FedShield.Simulation"] = ["FedShield.Federation"],
        ["FedShield.Transport.Http"] = ["FedShield.Federation"],
        ["FedShield.Benchmarks"] = ["FedShield.Tensors", "FedShield.Nn", "FedShield.Data", "FedShield.Federation", "FedShield.Learning", "FedShield.Simulation", "FedShield.Robust", "FedShield.Privacy", "FedShield.Attacks", "FedShield.Transport.Http"],
        ["FedShield.Experiments"] = ["FedShield.Tensors", "FedShield.Nn", "FedShield.Data", "FedShield.Federation", "FedShield.Learning", "FedShield.Simulation", "FedShield.Robust", "FedShield.Privacy", "FedShield.Attacks", "FedShield.Transport.Http", "FedShield.Benchmarks"],
        ["FedShield.Cli"] = ["*"],
    };

    // Hosting, dependency injection and logging frameworks belong to the composition roots only.
    private static readonly string[] FrameworkPrefixes = ["Microsoft.Extensions.Hosting", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Logging"];
    private static readonly string[] FrameworkUsers = ["FedShield.Cli", "FedShield.Transport.Http"];

    public static TheoryData<string> SourceProjects
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var dir in Directory.GetDirectories(Path.Combine(RepoRoot(), "src")).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(dir));
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void Project_DeclaredReferences_FollowTheLayering(string project)
    {
        Assert.True(Allowed.TryGetValue(project, out var allowed), $"{project} is not in the dependency table of DependencyRuleTests; place it in the layering first.");
        var references = ProjectReferences(project);
        if (allowed.Contains("*"))
        {
            return;
        }

        foreach (var reference in references)
        {
            Assert.True(allowed.Contains(reference), $"{project} references {reference}, which the layering does not allow (allowed: {string.Join(", ", allowed)}).");
        }

        var csproj = File.ReadAllText(ProjectFile(project));
        if (!FrameworkUsers.Contains(project))
        {
            foreach (var prefix in FrameworkPrefixes)
            {
                Assert.DoesNotContain(prefix, csproj, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Engine_ReferencesNoFedShieldProjectAboveIt()
    {
        Assert.Empty(ProjectReferences("FedShield.Tensors"));
        Assert.Equal(["FedShield.Tensors"], ProjectReferences("FedShield.Nn"));
        AssertAssemblyReferences(typeof(FedShield.Tensors.Tensor).Assembly, []);
        AssertAssemblyReferences(typeof(FedShield.Nn.Module).Assembly, ["FedShield.Tensors"]);
    }

    [Fact]
    public void BuiltAssemblies_ReferenceOnlyAllowedProjects()
    {
        var dir = AppContext.BaseDirectory;
        var checkedAny = false;
        foreach (var file in Directory.GetFiles(dir, "FedShield.*.dll"))
        {
            var name = AssemblyName.GetAssemblyName(file).Name!;
            if (name.EndsWith(".Tests", StringComparison.Ordinal) || !Allowed.TryGetValue(name, out var allowed) || allowed.Contains("*"))
            {
                continue;
            }

            AssertAssemblyReferences(Assembly.LoadFrom(file), allowed);
            checkedAny = true;
        }

        Assert.True(checkedAny, "no FedShield assembly was found next to the tests");
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void InternalsVisibleTo_OnlyTheProjectsOwnTests(string project)
    {
        var doc = XDocument.Load(ProjectFile(project));
        foreach (var element in doc.Descendants("InternalsVisibleTo"))
        {
            Assert.Equal(project + ".Tests", element.Attribute("Include")?.Value);
        }
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void EverySourceProject_HasATestProject(string project) =>
        Assert.True(File.Exists(Path.Combine(RepoRoot(), "tests", project + ".Tests", project + ".Tests.csproj")), $"{project} has no tests/{project}.Tests project");

    private static void AssertAssemblyReferences(Assembly assembly, string[] allowed)
    {
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            if (reference.Name!.StartsWith("FedShield.", StringComparison.Ordinal))
            {
                Assert.True(allowed.Contains(reference.Name), $"{assembly.GetName().Name} references {reference.Name}, which the layering does not allow.");
            }
        }
    }

    private static string[] ProjectReferences(string project)
    {
        var doc = XDocument.Load(ProjectFile(project));
        return [.. doc.Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
            .Order(StringComparer.Ordinal)];
    }

    private static string ProjectFile(string project) => Path.Combine(RepoRoot(), "src", project, project + ".csproj");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FedShield.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("FedShield.slnx not found above " + AppContext.BaseDirectory);
    }
}
