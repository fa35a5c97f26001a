using Inspections.Core.Common;
using Inspections.Core.Features.Alerts;
using Inspections.Core.Features.Inspections;
using Inspections.Core.Features.Permits;
using Inspections.Core.Features.Venues;
using Inspections.Domain.Venues;

namespace Inspections.Api.Demo;

/// <summary>
/// The demo district's last half-year and the current one, told as the steps its people take:
/// the venue register, a year of inspections (routine, night checks, complaints, joint, special
/// campaigns, random draws), the penalty cases they lead to, the unlicensed-venue campaign and the
/// permit window. Every step is a mediator request sent by the person who would send it, on the day
/// they would send it; nothing is written around the rules. A fixed seed makes the same day give the
/// same district.
/// </summary>
internal sealed partial class DemoStory
{
    private readonly DemoSender _send;
    private readonly DemoTimeline _time;
    private readonly DemoCalendar _cal;
    private readonly Random _rng = new(510115);
    private readonly DemoDistrict _district;
    private readonly Dictionary<VenueType, ChecklistDto> _checklists;
    private readonly IReadOnlyList<PermitItemDto> _items;
    private readonly List<Venue> _venues = [];

    /// <summary>Today in the district, and the first days of the current and the previous half-year.</summary>
    public DateOnly Today { get; }
    public DateOnly CurrentStart { get; }
    public DateOnly PreviousStart { get; }

    private DemoStory(DemoSender send, DemoTimeline time, DemoCalendar cal, Dictionary<VenueType, ChecklistDto> checklists,
        IReadOnlyList<PermitItemDto> items)
    {
        _send = send;
        _time = time;
        _cal = cal;
        _district = new DemoDistrict(_rng);
        _checklists = checklists;
        _items = items;
        Today = cal.Date(time.End);
        CurrentStart = new DateOnly(Today.Year, Today.Month >= 7 ? 7 : 1, 1);
        PreviousStart = CurrentStart.AddMonths(-6);
    }

    /// <summary>Reads what the story builds on (the checklists and the permit catalog) the way users read them.</summary>
    public static async Task<DemoStory> PrepareAsync(DemoSender send, DemoTimeline time, DemoCalendar cal)
    {
        var checklists = new Dictionary<VenueType, ChecklistDto>();
        foreach (var type in Enum.GetValues<VenueType>())
            checklists[type] = await send.Ask(DemoPeople.ZhangWei, new GetChecklist.Query(Wire.Name(type), null));
        var items = await send.Ask(DemoPeople.WangFang, new ListPermitItems.Query());
        return new DemoStory(send, time, cal, checklists, items);
    }

    public void Plan()
    {
        PlanRegister();
        PlanSpecialCampaigns();
        PlanDraws();
        PlanDailyInspections();
        PlanNoticesDueAroundToday();
        PlanCases();
        PlanUnlicensedCampaign();
        PlanWindow();
        PlanOfficeWork();
        PlanScans();
    }

    // ---- the venue register 场所台账 -------------------------------------------------------------------

    /// <summary>A venue of the story: its facts as registered, and its id and version once it is.</summary>
    private sealed class Venue
    {
        public required VenueType Type { get; init; }
        public required string Name { get; init; }
        public required string Address { get; init; }
        /// <summary>The town or street whose register the venue is on, or the district's.</summary>
        public required string Jurisdiction { get; init; }
        public required string Operator { get; init; }
        public required string LegalRepresentative { get; init; }
        public string? CreditCode { get; set; }
        public string? LicenseNumber { get; set; }
        public DateOnly? LicenseValidUntil { get; set; }
        public LicenseStatus Status { get; set; }
        public int? Terminals { get; init; }
        public int? Rooms { get; init; }
        public Guid Id { get; set; }
        public long Version { get; set; }
        /// <summary>Kept out of routine picks: a venue a case or the campaign has its own plans for.</summary>
        public bool Reserved { get; set; }

        public bool Registered => Id != Guid.Empty;
        public bool Trading => Registered && Status is LicenseStatus.Licensed or LicenseStatus.Suspended or LicenseStatus.Unlicensed;

        public T Facts<T>(T command) where T : VenueFacts => (T)((VenueFacts)command with
        {
            Name = Name, Address = Address, Jurisdiction = Jurisdiction, Type = Wire.Name(Type), OperatorName = Operator,
            LegalRepresentative = LegalRepresentative,
            UnifiedSocialCreditCode = CreditCode, LicenseNumber = LicenseNumber, LicenseValidUntil = LicenseValidUntil,
            LicenseStatus = Wire.Name(Status), Terminals = Terminals, Rooms = Rooms,
        });

        public void Took(VenueDto dto)
        {
            Id = dto.Id;
            Version = dto.Version;
        }
    }

    /// <summary>How many venues of each kind the district has on its register (温江区 is a big district).</summary>
    private static readonly (VenueType Type, int Count)[] RegisterSize =
    [
        (VenueType.InternetCafe, 45), (VenueType.SongAndDance, 20), (VenueType.GameArcade, 10), (VenueType.Bookshop, 36),
        (VenueType.AudioVideoRetail, 14), (VenueType.PrintShop, 50), (VenueType.PerformanceVenue, 8),
    ];

    private int _licenseSequence = 37;

    private Venue NewVenue(VenueType type, LicenseStatus status, DateOnly asOf)
    {
        var name = _district.ShopName(type);
        var (operatorName, company) = _district.Operator(type, name);
        var licensed = status is LicenseStatus.Licensed or LicenseStatus.Suspended or LicenseStatus.Revoked or LicenseStatus.Closed;
        var issued = asOf.Year - _rng.Next(0, 6);
        var (address, jurisdiction) = _district.Address();
        return new Venue
        {
            Type = type,
            Name = name,
            Address = address,
            Jurisdiction = jurisdiction,
            Operator = operatorName,
            LegalRepresentative = _district.Person(),
            CreditCode = licensed ? _district.CreditCode(company) : null,
            LicenseNumber = licensed ? _district.LicenseNumber(type, issued, _licenseSequence++) : null,
            // Licences run for years; a few run out within the story and come to the window for renewal.
            LicenseValidUntil = licensed && type is not VenueType.PerformanceVenue
                ? asOf.AddDays(_rng.Next(60, 1100))
                : null,
            Status = status,
            Terminals = type == VenueType.InternetCafe ? _rng.Next(6, 31) * 10 : null,
            Rooms = type switch
            {
                VenueType.SongAndDance => _rng.Next(8, 41),
                VenueType.GameArcade => _rng.Next(0, 4),
                _ => null,
            },
        };
    }

    /// <summary>
    /// The register as it stood when the previous half-year began: entered by the officers over the
    /// working days before it (the year-end ledger check 台账清理), most licensed, a few suspended,
    /// revoked or closed.
    /// </summary>
    private void PlanRegister()
    {
        foreach (var (type, count) in RegisterSize)
        for (var i = 0; i < count; i++)
        {
            var status = (i % 23) switch
            {
                7 when type is VenueType.InternetCafe or VenueType.SongAndDance => LicenseStatus.Suspended,
                11 => LicenseStatus.Closed,
                19 when type == VenueType.InternetCafe => LicenseStatus.Revoked,
                _ => LicenseStatus.Licensed,
            };
            _venues.Add(NewVenue(type, status, PreviousStart));
        }
        Shuffle(_venues);

        var day = _cal.AddWorkdays(PreviousStart, -8);
        var slot = 0;
        foreach (var venue in _venues.ToList())
        {
            var officer = DemoPeople.Officers[slot % 2 == 0 ? 0 : 1];
            var at = _cal.At(day, 9, 0).AddMinutes(slot % 24 * 18);
            _time.At(at, $"登记场所 {venue.Name}", async () => venue.Took(
                await _send.Do(officer, venue.Facts(new RegisterVenue.Command()))));
            if (++slot % 24 == 0) day = _cal.AddWorkdays(day, 1);
        }
    }

    /// <summary>Registers a venue found or opened during the story (unlicensed, or newly licensed) at the step's moment.</summary>
    private async Task RegisterAsync(DemoUser officer, Venue venue)
    {
        venue.Took(await _send.Do(officer, venue.Facts(new RegisterVenue.Command())));
        _venues.Add(venue);
    }

    private async Task UpdateAsync(DemoUser officer, Venue venue, Action<Venue> change)
    {
        change(venue);
        var dto = await _send.Do(officer, venue.Facts(new UpdateVenue.Command { Id = venue.Id, Version = venue.Version }));
        venue.Version = dto.Version;
    }

    /// <summary>A venue trading at the moment of the step, of one of the kinds, not kept for a plan of its own.</summary>
    private Venue? PickTrading(params VenueType[] types) => PickTradingIn(null, types);

    /// <summary>The same, on one town's or street's register (null: anywhere in the district).</summary>
    private Venue? PickTradingIn(string? jurisdiction, params VenueType[] types)
    {
        var candidates = _venues.Where(v => v.Trading && !v.Reserved && v.Status != LicenseStatus.Unlicensed
            && (types.Length == 0 || types.Contains(v.Type)) && (jurisdiction is null || v.Jurisdiction == jurisdiction)).ToList();
        return candidates.Count == 0 ? null : candidates[_rng.Next(candidates.Count)];
    }

    /// <summary>A venue of the register set aside now (at planning) for a case or the campaign.</summary>
    private Venue Reserve(VenueType type)
    {
        var candidates = _venues.Where(v => v.Type == type && v.Status == LicenseStatus.Licensed && !v.Reserved).ToList();
        var venue = candidates[_rng.Next(candidates.Count)];
        venue.Reserved = true;
        return venue;
    }

    // ---- the scans that run on their own -------------------------------------------------------------

    /// <summary>
    /// The recurring jobs' work as of today: the deadline scan raises the due-soon and overdue alerts
    /// of every open clock, the accountability sweep holds clerks to account for overdue applications.
    /// Both act as the system user, as the Hangfire jobs do.
    /// </summary>
    private void PlanScans()
    {
        _time.At(_time.End.AddMinutes(-1), "到期预警扫描与超期问责", async () =>
        {
            await _send.Do(new SystemUser(), new ScanDeadlines.Command());
            await _send.Do(new SystemUser(), new SweepPermitAccountability.Command());
        });
    }

    // ---- small helpers -------------------------------------------------------------------------------

    private void Shuffle<T>(IList<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private bool Chance(double p) => _rng.NextDouble() < p;

    /// <summary>Two different officers of the brigade; the first records.</summary>
    private (DemoUser First, DemoUser Second) Pair()
    {
        var first = _rng.Next(DemoPeople.Officers.Count);
        var second = (first + 1 + _rng.Next(DemoPeople.Officers.Count - 1)) % DemoPeople.Officers.Count;
        return (DemoPeople.Officers[first], DemoPeople.Officers[second]);
    }

    private DateTimeOffset OfficeHours(DateOnly day) => _cal.At(day, 9, 0).AddMinutes(_rng.Next(0, 16) * 30);
}
