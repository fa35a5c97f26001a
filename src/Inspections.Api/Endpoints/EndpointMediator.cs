namespace Mediator;

/// <summary>
/// The generated mediator (a partial class of this assembly), made by an endpoint for its request's scope. The container
/// would make the same object (the mediator is transient and holds nothing but the scope it resolves from), and the mediator
/// would then ask the scope for the container's metadata, a singleton, on its first send: an endpoint reads that once, when
/// it is mapped, and hands it over (<see cref="Inspections.Api.Endpoints.RequestEndpoints"/>). Handlers and behaviours are
/// resolved from the request's scope as on every other send.
/// </summary>
public sealed partial class Mediator
{
    internal Mediator(IServiceProvider services, Internals.ContainerMetadata metadata) : this(services) =>
        _containerMetadataStorage = metadata;
}
