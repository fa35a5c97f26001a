using Inspections.Domain.Inspections;
using Inspections.Domain.Unlicensed;

namespace Inspections.Domain.Tests.Unlicensed;

public sealed class CampaignSentenceTests
{
    [Test]
    public void The_sentence_reads_like_the_half_year_reports()
    {
        var text = CampaignSentence.Write(new CampaignFigures("无证网吧集中整治", VenuesFound: 12, Meetings: 2, PublicityEvents: 0,
            OfficeDays: 0, Licensed: 5, GuidanceCertificates: 3, Banned: 2, Referrals: [("工商", 2)]));
        Assert.That(text, Is.EqualTo("开展无证网吧集中整治，摸底排查无证经营场所12家，召开业主座谈会2次，办理许可证5家，发放辅导证3家，取缔2家，函告工商2起。"));
    }

    [Test]
    public void A_campaign_that_found_nothing_says_so_and_nothing_else()
    {
        var text = CampaignSentence.Write(new CampaignFigures("无证书店整治。", 0, 0, 0, 0, 0, 0, 0, [("工商", 0)]));
        Assert.That(text, Is.EqualTo("开展无证书店整治，摸底排查无证经营场所0家。"));
    }

    [Test]
    public void Referrals_to_several_departments_are_each_named()
    {
        var text = CampaignSentence.Write(new CampaignFigures("整治", 3, 0, 1, 1, 0, 0, 0, [("工商", 2), ("公安", 1)]));
        Assert.That(text, Is.EqualTo("开展整治，摸底排查无证经营场所3家，开展宣传活动1次，开展联合现场办公1次，函告工商2起，函告公安1起。"));
    }
}

public sealed class UnlicensedTermsTests
{
    private static readonly PrerequisiteStatus[] AllApproved = [PrerequisiteStatus.Approved, PrerequisiteStatus.Approved, PrerequisiteStatus.Approved, PrerequisiteStatus.Approved];

    [Test]
    public void A_venue_is_licensed_only_when_all_four_departments_approved()
    {
        Assert.Multiple(() =>
        {
            Assert.That(UnlicensedTerms.MayBeLicensed(AllApproved), Is.True);
            Assert.That(UnlicensedTerms.MayBeLicensed(AllApproved[..3]), Is.False, "a missing department");
            Assert.That(UnlicensedTerms.MayBeLicensed([.. AllApproved[..3], PrerequisiteStatus.Pending]), Is.False);
            Assert.That(UnlicensedTerms.MayBeLicensed([.. AllApproved[..3], PrerequisiteStatus.Refused]), Is.False);
        });
    }

    [Test]
    public void The_prerequisite_departments_are_fire_commerce_environment_and_health()
    {
        Assert.That(UnlicensedTerms.PrerequisiteDepartments.Select(d => d.ChineseName()), Is.EqualTo(new[] { "消防", "市场监管", "环保", "卫生" }));
    }
}
