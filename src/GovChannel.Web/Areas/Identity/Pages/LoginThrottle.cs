using System.Collections.Concurrent;

namespace GovChannel.Web.Areas.Identity.Pages;

/// <summary>
/// Slows password guessing: after <see cref="MaxFailures"/> failed sign-ins for one username within the window, that
/// username is locked for <see cref="Window"/>. In memory, per node: a restart forgets, which is acceptable for a brake
/// whose job is to make online guessing impractically slow.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, (int Count, DateTimeOffset First)> _failures = new(StringComparer.Ordinal);

    public bool IsLocked(string username) =>
        _failures.TryGetValue(Key(username), out var f) && f.Count >= MaxFailures && time.GetUtcNow() - f.First < Window;

    public void Failed(string username)
    {
        var now = time.GetUtcNow();
        _failures.AddOrUpdate(Key(username), (1, now), (_, f) => now - f.First >= Window ? (1, now) : (f.Count + 1, f.First));
        if (_failures.Count > 100_000)
        {
            // Bound memory against a flood of made-up usernames: forget windows that have ended.
            foreach (var (key, value) in _failures.Where(kv => now - kv.Value.First >= Window))
            {
                _failures.TryRemove(key, out _);
            }
        }
    }

    public void Succeeded(string username) => _failures.TryRemove(Key(username), out _);

    private static string Key(string username) => username.Trim().ToLowerInvariant();
}
