namespace GovChannel.Thai.Tests;

public sealed class AdministrativeAreasTests
{
    [Fact]
    public void SubDistricts_All7451_WithDistrictAndProvince()
    {
        var all = AdministrativeAreas.SubDistricts;
        Assert.Equal(7451, all.Count);
        Assert.Equal(7121, all.Count(s => s.Latitude is not null && s.Longitude is not null));
        Assert.Equal(77, all.Select(s => s.ProvinceCode).Distinct().Count());
        var first = all.Single(s => s.Code == 100101);
        Assert.Equal("พระบรมมหาราชวัง", first.NameTh);
        Assert.Equal("เขตพระนคร", first.DistrictTh);
        Assert.Equal("กรุงเทพมหานคร", first.ProvinceTh);
        Assert.Equal(10, first.ProvinceCode);
        Assert.All(all, s => Assert.Equal(s.DistrictCode, s.Code / 100));
    }
}
