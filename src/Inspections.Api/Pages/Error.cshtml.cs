using Inspections.Api.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Inspections.Api.Pages;

/// <summary>The Chinese page for a refusal or a fault on a page address (re-executed by the status-code pages).</summary>
[AllowAnonymous, AllowedBeforePasswordChange, IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Detail { get; private set; } = "";

    public void OnGet(int code) => Describe(code);

    // A refused POST (a missing anti-forgery token) is re-executed as a POST.
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        // Re-executed for an exception, the page says what that exception answers (a record not found is a 404).
        var failed = HttpContext.Features.Get<IExceptionHandlerFeature>();
        if (failed is not null) code = ProblemMapping.StatusOf(failed.Error);
        var reExecuted = failed is not null || HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        (Title, Detail) = code switch
        {
            400 => ("请求无效", "提交的内容无法处理，或页面已过期。请刷新页面后重新提交。"),
            403 => ("无权访问", "您的角色无权打开此页面或执行此操作。如需权限，请联系系统管理员。"),
            404 => ("页面不存在", "您要找的页面或记录不存在，可能已被删除或地址有误。"),
            405 => ("不支持的操作", "此页面不支持该操作。"),
            401 => ("请重新登录", "登录已过期，或账号信息（角色、辖区、密码、在职状态）已变更，请重新登录。"),
            409 => ("操作冲突", "该记录已被他人修改或当前状态不允许此操作，请刷新后重试。"),
            429 => ("登录失败次数过多", "该账号暂时锁定，请稍后再试。"),
            503 => ("服务暂时不可用", $"暂时无法连接数据库，请在 {ProblemMapping.RetryAfterSeconds} 秒后重试。"),
            >= 500 and < 600 => ("系统错误", "系统出现意外错误，请稍后重试；如仍有问题，请联系系统管理员。"),
            _ => ("出错了", "请求未能完成。"),
        };
        Code = code is >= 400 and < 600 ? code : 404;
        // Reached directly (not re-executed for a refusal), the address itself is not a page.
        if (!reExecuted && code is < 400 or >= 600) (Title, Detail) = ("页面不存在", "您要找的页面或记录不存在，可能已被删除或地址有误。");
        Response.StatusCode = Code;
    }
}
