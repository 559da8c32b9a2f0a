using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using S3Batch.Aws;
using S3Batch.Jobs;
using S3Batch.Protocol;
using S3Batch.Protocol.Endpoints;

namespace S3Batch.Cmdlets
{
    /// <summary>
    /// Completes -JobId with the account's jobs: one ListJobs page, at most a few seconds, and nothing
    /// at all when anything fails (no credentials, no network). Start-S3BatchJob offers the jobs that
    /// wait for confirmation, Stop-S3BatchJob and Wait-S3BatchJob the jobs still running.
    /// </summary>
    public sealed class JobIdCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var word = (wordToComplete ?? string.Empty).Trim('\'', '"');
                var jobs = ListOnePage(StatusesFor(commandName), fakeBoundParameters);
                return jobs
                    .Where(j => j.JobId is not null && j.JobId.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                    .Select(j => new CompletionResult(
                        j.JobId,
                        j.JobId,
                        CompletionResultType.ParameterValue,
                        $"{j.Status} {j.OperationName} {j.Description}".Trim() is { Length: > 0 } tip ? tip : j.JobId))
                    .ToList();
            }
#pragma warning disable CA1031 // A completer fails silently: tab must never throw at the user.
            catch (Exception)
#pragma warning restore CA1031
            {
                return Array.Empty<CompletionResult>();
            }
        }

        /// <summary>The ListJobs status filter for the command being completed, or null for all jobs.</summary>
        internal static IReadOnlyList<string>? StatusesFor(string? commandName) => commandName switch
        {
            "Start-S3BatchJob" => new[] { JobStatuses.AwaitingConfirmation },
            "Stop-S3BatchJob" or "Wait-S3BatchJob" => JobStatuses.All.Where(s => !JobStatuses.IsFinal(s)).ToArray(),
            _ => null,
        };

        private static List<Model.S3BatchJob> ListOnePage(IReadOnlyList<string>? statuses, IDictionary? bound)
        {
            var options = new AwsCallerOptions
            {
                Region = Text(bound, "Region"),
                ProfileName = Text(bound, "ProfileName"),
                ProfileLocation = Text(bound, "ProfileLocation"),
                AccessKey = Text(bound, "AccessKey"),
                SecretKey = Text(bound, "SecretKey"),
                SessionToken = Text(bound, "SessionToken"),
                Credential = Unwrap(bound?["Credential"]),
                StoredCredentials = Variable("StoredAWSCredentials", "Credentials"),
                StoredRegion = Variable("StoredAWSRegion", "Region"),
                EndpointUrl = Text(bound, "EndpointUrl"),
                AccountId = Text(bound, "AccountId"),
            };

            // Not disposed: a ListJobs that outlives the budget still holds its token; the timer frees it.
            var budget = new CancellationTokenSource(Budget);
            var task = Task.Run(
                async () =>
                {
                    var caller = ResolvedCallerCache.Resolve(options, AwsEnvironment.Process);
                    var accountId = options.AccountId ?? await AccountResolver.GetAccountIdAsync(caller, budget.Token).ConfigureAwait(false);
                    var endpoint = S3ControlEndpointResolver.Resolve(caller.Region, caller.UseFips, caller.UseDualStack, caller.S3ControlEndpointUrl, accountId);
                    var client = new S3ControlClient(new S3ControlClientOptions(endpoint.BaseUri, accountId, endpoint.SigningRegion, token => AwsCredentialHelper.GetCredentialsAsync(caller, token))
                    {
                        Retry = new RetryPolicy("standard", 1, TimeSpan.Zero, TimeSpan.Zero),
                        RequestTimeout = Budget,
                    });
                    var page = await client.ListJobsAsync(statuses, null, ServiceLimitsPage, budget.Token).ConfigureAwait(false);
                    return page.Jobs?.Select(Model.S3BatchJob.FromListEntry).ToList() ?? new List<Model.S3BatchJob>();
                },
                budget.Token);
            return task.Wait(Budget) ? task.Result : new List<Model.S3BatchJob>();
        }

        private const int ServiceLimitsPage = 100;

        private static string? Text(IDictionary? bound, string name) =>
            bound is not null && bound.Contains(name) && bound[name] is { } value ? PSConvert.Text(value) : null;

        private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

        private static object? Variable(string name, string property)
        {
            try
            {
                return PSConvert.SessionValue(Runspace.DefaultRunspace?.SessionStateProxy.GetVariable(name), property);
            }
#pragma warning disable CA1031 // No runspace to ask: no stored value.
            catch (Exception)
#pragma warning restore CA1031
            {
                return null;
            }
        }
    }
}
