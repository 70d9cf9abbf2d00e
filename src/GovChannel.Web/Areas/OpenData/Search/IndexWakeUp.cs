using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GovChannel.Web.Areas.OpenData.Search;

/// <summary>
/// On PostgreSQL, nodes wake each other when they have written index operations (LISTEN/NOTIFY), so that another node
/// applies a write within milliseconds instead of at its next poll. A notification is only a wake-up: what to apply is
/// read from the index-operations table by sequence number as before, and <see cref="SearchIndex"/> still polls, so a
/// lost notification (a dropped connection, a node that was restarting) costs at most one poll interval.
/// </summary>
/// <remarks>
/// The node that wrote notifies after its transaction has committed, from its own connection and off the request path:
/// a NOTIFY inside the write transaction would make PostgreSQL serialise every such commit (it holds a database-wide
/// lock from NOTIFY's pre-commit step until the commit record is flushed), which would cap <c>package_create</c> at the
/// disk's sync rate. Notifications that arrive while one is being sent are folded into the next one.
/// </remarks>
public sealed class IndexWakeUp : IDisposable
{
    private const string Channel = "govchannel_index_operations";
    /// <summary>The listening connection's <c>application_name</c> (to find it in <c>pg_stat_activity</c>).</summary>
    public const string ListenerName = "govchannel index listener";
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly NpgsqlDataSource _notify;
    private readonly string _listen;
    private readonly Action _wake;
    private readonly ILogger _log;
    /// <summary>This process's name in the payload: a node ignores its own notifications (its writes are applied already).</summary>
    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly SemaphoreSlim _pending = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _listener;
    private readonly Task _sender;

    private IndexWakeUp(string connection, Action wake, ILogger log)
    {
        _wake = wake;
        _log = log;
        _notify = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = 2 }.ConnectionString);
        // Its own connection, outside the pool; the keepalive query notices a connection that died while waiting.
        _listen = new NpgsqlConnectionStringBuilder(connection) { Pooling = false, KeepAlive = 15, ApplicationName = ListenerName }.ConnectionString;
        _listener = Task.Run(() => ListenAsync(_stop.Token), CancellationToken.None);
        _sender = Task.Run(() => SendAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Starts listening when the database is PostgreSQL (null on SQLite: one process, nothing to wake).</summary>
    /// <param name="wake">Called when another node wrote, and after (re)connecting, when notifications may have been missed.</param>
    public static IndexWakeUp? Start(GovDb db, Action wake, ILogger log) =>
        db.Database.IsNpgsql() && db.Database.GetConnectionString() is { Length: > 0 } connection ? new IndexWakeUp(connection, wake, log) : null;

    /// <summary>True while the listening connection is up (the node then hears other nodes' writes at once).</summary>
    public bool Listening { get; private set; }

    /// <summary>This node committed index operations: tell the other nodes, without waiting.</summary>
    public void Written()
    {
        if (_pending.CurrentCount == 0)
        {
            try
            {
                _pending.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another writer asked at the same moment: one notification serves both.
            }
        }
    }

    private async Task SendAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _pending.WaitAsync(stop);
                await using var command = _notify.CreateCommand("SELECT pg_notify($1, $2)");
                command.Parameters.Add(new NpgsqlParameter { Value = Channel });
                command.Parameters.Add(new NpgsqlParameter { Value = _node });
                await command.ExecuteNonQueryAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
            {
                // The other nodes find this write at their next poll; the next write notifies again.
                _log.LogWarning(e, "Could not notify the other nodes of an index change");
            }
        }
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        var retry = TimeSpan.FromSeconds(1);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_listen);
                await connection.OpenAsync(stop);
                connection.Notification += (_, e) =>
                {
                    if (!string.Equals(e.Payload, _node, StringComparison.Ordinal))
                    {
                        _wake();
                    }
                };
                await using (var command = new NpgsqlCommand("LISTEN " + Channel, connection))
                {
                    await command.ExecuteNonQueryAsync(stop);
                }
                Listening = true;
                retry = TimeSpan.FromSeconds(1);
                // Writes made while this node was not listening were not announced to it.
                _wake();
                while (true)
                {
                    await connection.WaitAsync(stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                Listening = false;
                _log.LogWarning(e, "Listening for other nodes' index changes failed; polling until it is back (retry in {Delay})", retry);
            }
            try
            {
                await Task.Delay(retry, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            retry = retry * 2 < MaxRetryDelay ? retry * 2 : MaxRetryDelay;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            Task.WaitAll([_listener, _sender], TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _notify.Dispose();
        _stop.Dispose();
    }
}
