using System.Text;

namespace Inspections.Domain.Unlicensed;

/// <summary>The figures a campaign's report sentence is written from.</summary>
public sealed record CampaignFigures(
    string CampaignName,
    int VenuesFound,
    int Meetings,
    int PublicityEvents,
    int OfficeDays,
    int Licensed,
    int GuidanceCertificates,
    int Banned,
    IReadOnlyList<(string Department, int Count)> Referrals);

/// <summary>
/// Writes the campaign's line of the half-year report, in the offices' own style:
/// "开展无证网吧集中整治，摸底排查无证经营场所12家，召开业主座谈会2次，办理许可证5家，发放辅导证3家，取缔2家，函告工商2起。"
/// The survey figure is always said (a campaign that found nothing says so); the others only when
/// something happened, as a hand-written report would.
/// </summary>
public static class CampaignSentence
{
    public static string Write(CampaignFigures f)
    {
        var parts = new List<string> { $"摸底排查无证经营场所{f.VenuesFound}家" };
        if (f.Meetings > 0) parts.Add($"召开业主座谈会{f.Meetings}次");
        if (f.PublicityEvents > 0) parts.Add($"开展宣传活动{f.PublicityEvents}次");
        if (f.OfficeDays > 0) parts.Add($"开展联合现场办公{f.OfficeDays}次");
        if (f.Licensed > 0) parts.Add($"办理许可证{f.Licensed}家");
        if (f.GuidanceCertificates > 0) parts.Add($"发放辅导证{f.GuidanceCertificates}家");
        if (f.Banned > 0) parts.Add($"取缔{f.Banned}家");
        parts.AddRange(f.Referrals.Where(r => r.Count > 0).Select(r => $"函告{r.Department}{r.Count}起"));

        var text = new StringBuilder("开展").Append(f.CampaignName.Trim().TrimEnd('。'));
        foreach (var part in parts) text.Append('，').Append(part);
        return text.Append('。').ToString();
    }
}
