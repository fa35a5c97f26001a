using System.Globalization;

namespace Inspections.Core.Common;

/// <summary>
/// Chinese is the users' language; English is given to callers that ask for it with
/// Accept-Language: en (the host sets the request's UI culture).
/// </summary>
public static class Text
{
    public static bool English =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName.Equals("en", StringComparison.OrdinalIgnoreCase);

    public static string Pick(string zh, string en) => English ? en : zh;
}
