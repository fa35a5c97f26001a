namespace Inspections.Core.Common;

/// <summary>
/// A password (or another secret) in a request: it is never written to the audit trail, never
/// logged and never answered; the API description marks it as a password.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = true)]
public sealed class SecretAttribute : Attribute;
