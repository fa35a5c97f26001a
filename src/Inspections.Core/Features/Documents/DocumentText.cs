using System.Globalization;
using System.Text;
using Inspections.Domain.Calendar;

namespace Inspections.Core.Features.Documents;

/// <summary>How documents write dates, times, counts and sums of money: 二〇二六年十一月二十六日, 十五日, 伍仟元整.</summary>
internal static class DocumentText
{
    private const string Lower = "〇一二三四五六七八九";
    private const string Upper = "零壹贰叁肆伍陆柒捌玖";

    /// <summary>二〇二六年十一月二十六日: the year digit by digit, month and day as numbers.</summary>
    public static string Date(DateOnly date) =>
        $"{string.Concat(date.Year.ToString(CultureInfo.InvariantCulture).Select(d => Lower[d - '0']))}年{Count(date.Month)}月{Count(date.Day)}日";

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "　　年　　月　　日";

    /// <summary>An instant as the local (Asia/Shanghai) date and clock time: 二〇二六年三月二日10时05分.</summary>
    public static string DateTime(DateTimeOffset instant)
    {
        var local = instant.ToOffset(ClockEvaluator.ChinaStandardTime.BaseUtcOffset);
        return $"{Date(DateOnly.FromDateTime(local.DateTime))}{local.Hour}时{local.Minute:00}分";
    }

    public static string Time(DateTimeOffset instant)
    {
        var local = instant.ToOffset(ClockEvaluator.ChinaStandardTime.BaseUtcOffset);
        return $"{local.Hour}时{local.Minute:00}分";
    }

    public static DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(instant.ToOffset(ClockEvaluator.ChinaStandardTime.BaseUtcOffset).DateTime);

    /// <summary>A count in Chinese numerals below a thousand (五, 十五, 六十, 一百二十), digits above.</summary>
    public static string Count(int n) => n switch
    {
        < 0 or >= 1000 => n.ToString(CultureInfo.InvariantCulture),
        < 10 => Lower[n].ToString().Replace("〇", "零", StringComparison.Ordinal),
        < 20 => "十" + (n % 10 == 0 ? "" : Lower[n % 10].ToString()),
        < 100 => Lower[n / 10] + "十" + (n % 10 == 0 ? "" : Lower[n % 10].ToString()),
        _ => Lower[n / 100] + "百" + (n % 100 == 0 ? "" : (n % 100 < 10 ? "零" : n % 100 < 20 ? "一" : "") + Count(n % 100)),
    };

    /// <summary>人民币伍仟元整（¥5,000.00）: the capital figures a decision writes a sum in, and the sum.</summary>
    public static string Money(decimal amount) =>
        $"人民币{Capital(amount)}（¥{amount.ToString("#,##0.00", CultureInfo.InvariantCulture)}）";

    /// <summary>伍仟元整, 壹万零伍佰元整, 叁佰元伍角整: the amount in capital figures 大写金额.</summary>
    public static string Capital(decimal amount)
    {
        var fen = (long)Math.Round(amount * 100m, MidpointRounding.AwayFromZero);
        long yuan = fen / 100;
        int jiao = (int)(fen / 10 % 10), cents = (int)(fen % 10);
        var text = new StringBuilder(yuan > 0 ? Integer(yuan) + "元" : "");
        if (jiao == 0 && cents == 0) return (yuan == 0 ? "零元" : text.ToString()) + "整";
        if (jiao > 0) text.Append(Upper[jiao]).Append('角');
        else if (yuan > 0) text.Append('零');
        text.Append(cents > 0 ? $"{Upper[cents]}分" : "整");
        return text.ToString();
    }

    private static string Integer(long n)
    {
        string[] groupUnits = ["", "万", "亿"];
        var groups = new List<int>();
        for (; n > 0; n /= 10000) groups.Add((int)(n % 10000));
        var text = new StringBuilder();
        var gap = false;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            if (groups[g] == 0) { gap = text.Length > 0; continue; }
            if (text.Length > 0 && (gap || groups[g] < 1000)) text.Append('零');
            text.Append(Four(groups[g])).Append(groupUnits[g]);
            gap = false;
        }
        return text.ToString();
    }

    private static string Four(int n)
    {
        string[] units = ["仟", "佰", "拾", ""];
        var text = new StringBuilder();
        var zero = false;
        for (int i = 0, place = 1000; i < 4; i++, place /= 10)
        {
            var digit = n / place % 10;
            if (digit == 0) { zero = text.Length > 0; continue; }
            if (zero) text.Append('零');
            text.Append(Upper[digit]).Append(units[i]);
            zero = false;
        }
        return text.ToString();
    }

    /// <summary>一、二、三、: the enumeration of a document's paragraphs.</summary>
    public static string Ordinal(int n) => Count(n) + "、";
}
