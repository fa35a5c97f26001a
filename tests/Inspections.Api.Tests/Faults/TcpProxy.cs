using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Inspections.Api.Tests.Faults;

/// <summary>
/// A loopback TCP relay between the host and a database server that a test can cut: every open
/// connection is reset and new ones are refused until <see cref="Restore"/>. To the host this is
/// the database going away, while other tests on the same server are untouched.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<TcpClient, TcpClient> _pairs = new();
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private CancellationTokenSource? _accepting;

    public int Port { get; }

    public TcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        Port = Listen(0);
    }

    private int Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        var accepting = new CancellationTokenSource();
        _listener = listener;
        _accepting = accepting;
        _ = AcceptAsync(listener, accepting.Token);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(ct); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = RelayAsync(client, ct);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken ct)
    {
        var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, ct);
            _pairs[client] = server;
            var up = client.GetStream().CopyToAsync(server.GetStream(), ct);
            var down = server.GetStream().CopyToAsync(client.GetStream(), ct);
            await Task.WhenAny(up, down);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            _pairs.TryRemove(client, out _);
            Reset(client);
            Reset(server);
        }
    }

    /// <summary>Closes with a reset (RST), as a dying server or a broken network does, not a polite FIN.</summary>
    private static void Reset(TcpClient socket)
    {
        // Cut and the relay's own cleanup may reset the same socket at once.
        lock (socket)
        try
        {
            if (socket.Client is not { } raw) return;
            raw.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }

    /// <summary>Drops every connection and refuses new ones.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            _accepting?.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var (client, server) in _pairs)
            {
                Reset(client);
                Reset(server);
            }
        }
    }

    /// <summary>Accepts connections again on the same port.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is null) Listen(Port);
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        _accepting?.Dispose();
        return ValueTask.CompletedTask;
    }
}
