using DeepImaging.NN;

namespace DeepImaging.Tests.NN;

[CollectionDefinition(nameof(LibraryWideSeedTests), DisableParallelization = true)]
public class LibraryWideSeedCollection;

/// <summary>Runs alone: other tests making unseeded layers at the same time would draw from the same library-wide generator.</summary>
[Collection(nameof(LibraryWideSeedTests))]
public class LibraryWideSeedTests
{
    [Fact]
    public void Layers_made_without_a_seed_start_differently_and_manual_seed_makes_them_repeat()
    {
        Generator.ManualSeed(123);
        var first = new Sequential(new Linear(4, 4), new ReLU(), new Linear(4, 4));
        Generator.ManualSeed(123);
        var again = new Sequential(new Linear(4, 4), new ReLU(), new Linear(4, 4));

        Assert.NotEqual(((Linear)first[0]).Weight.ToArray(), ((Linear)first[2]).Weight.ToArray());
        Assert.Equal(((Linear)first[0]).Weight.ToArray(), ((Linear)again[0]).Weight.ToArray());
        Assert.Equal(((Linear)first[2]).Weight.ToArray(), ((Linear)again[2]).Weight.ToArray());
    }

}
