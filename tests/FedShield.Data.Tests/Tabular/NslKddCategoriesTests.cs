using FedShield.Data.Tabular;

namespace FedShield.Data.Tests.Tabular;

public class NslKddCategoriesTests
{
    [Theory]
    [InlineData(NslKddCategories.DoS, "back land neptune pod smurf teardrop apache2 mailbomb processtable udpstorm")]
    [InlineData(NslKddCategories.Probe, "ipsweep nmap portsweep satan mscan saint")]
    [InlineData(NslKddCategories.R2L, "ftp_write guess_passwd imap multihop phf spy warezclient warezmaster named sendmail snmpgetattack snmpguess xlock xsnoop worm")]
    [InlineData(NslKddCategories.U2R, "buffer_overflow loadmodule perl rootkit ps sqlattack xterm httptunnel")]
    public void CategoryOf_StandardAttacks_MapToTheirCategory(int category, string attacks)
    {
        foreach (string attack in attacks.Split(' '))
        {
            Assert.Equal(category, NslKddCategories.CategoryOf(attack));
        }
    }

    [Fact]
    public void KnownLabels_AreNormalAndThe39Attacks()
    {
        Assert.Equal(40, NslKddCategories.KnownLabels.Count);
        Assert.Equal(NslKddCategories.Normal, NslKddCategories.CategoryOf("normal"));
    }

    [Fact]
    public void CategoryOf_UnknownOrWrongCase_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => NslKddCategories.CategoryOf("Neptune"));
        Assert.Contains("'Neptune'", e.Message, StringComparison.Ordinal);
        Assert.False(NslKddCategories.TryGetCategory("neptune.", out _));
    }

    [Fact]
    public void NameOf_NamesEachCategoryAndRejectsOthers()
    {
        Assert.Equal(["normal", "DoS", "Probe", "R2L", "U2R"], Enumerable.Range(0, 5).Select(NslKddCategories.NameOf));
        Assert.Equal(NslKddCategories.Names, Enumerable.Range(0, 5).Select(NslKddCategories.NameOf));
        Assert.Throws<ArgumentOutOfRangeException>(() => NslKddCategories.NameOf(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => NslKddCategories.NameOf(-1));
    }
}
