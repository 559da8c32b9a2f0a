using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using S3Batch.Manifests;
using S3Batch.Model;
using S3Batch.Protocol;
using S3Batch.Protocol.Endpoints;
using S3Batch.Aws;

namespace S3Batch.Cmdlets
{
    /// <summary>
    /// What every S3Batch cmdlet shares: cancellation on Ctrl+C, running asynchronous work while
    /// writing its verbose and debug lines on the pipeline thread, and ErrorRecords with stable ids.
    /// </summary>
    public abstract class S3BatchCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private BlockingCollection<Action>? _pump;
        private bool? _isWhatIf;
        private bool? _wantsLog;

        /// <summary>Cancelled when the user presses Ctrl+C.</summary>
        protected CancellationToken CancelToken => _stop.Token;

        /// <summary>The prefix of this cmdlet's error ids: its name without the dash (NewS3BatchJob).</summary>
        protected string ErrorIdPrefix
        {
            get
            {
                var name = GetType().Name;
                return name.EndsWith("Command", StringComparison.Ordinal) ? name.Substring(0, name.Length - 7) : name;
            }
        }

        /// <summary>The partition for bucket names: that of the region in $StoredAWSRegion, AWS_REGION or AWS_DEFAULT_REGION; New-S3BatchJob puts the job's own partition in.</summary>
        protected string GuessPartition()
        {
            var stored = SessionState.PSVariable.GetValue("StoredAWSRegion");
            var region = PSConvert.Property(stored, "Region") ?? (stored is null ? null : PSConvert.Text(stored))
                ?? Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
            return Arns.Partition(region);
        }

        /// <inheritdoc/>
        protected override void StopProcessing() => _stop.Cancel();

        /// <summary>
        /// Runs <paramref name="work"/> and, while it runs, writes the lines it logs on this thread
        /// (cmdlets may write only from the pipeline thread). Returns its result or throws its error.
        /// </summary>
        internal T Run<T>(Func<CancellationToken, Task<T>> work)
        {
            if (!WantsLog)
            {
                // Nothing to write along the way: no hand-off to another thread, no queue.
                return work(_stop.Token).GetAwaiter().GetResult();
            }

            var pump = new BlockingCollection<Action>();
            var outer = _pump;
            _pump = pump;
            try
            {
                var task = Task.Run(() => work(_stop.Token));
                task.ContinueWith(_ => pump.CompleteAdding(), TaskScheduler.Default);
                foreach (var write in pump.GetConsumingEnumerable())
                {
                    write();
                }

                return task.GetAwaiter().GetResult();
            }
            finally
            {
                _pump = outer;
                pump.Dispose();
            }
        }

        /// <summary>Runs <paramref name="work"/> like <see cref="Run{T}"/>.</summary>
        internal void Run(Func<CancellationToken, Task> work) =>
            Run(async token =>
            {
                await work(token).ConfigureAwait(false);
                return true;
            });

        /// <summary>
        /// A log that writes verbose and debug lines through the running <see cref="Run{T}"/>, or null when
        /// neither would be shown, so that no request dump is even built.
        /// </summary>
        internal IRequestLog? Log => WantsLog ? new PumpLog(this) : null;

        /// <summary>
        /// Whether the text of a request would be seen (with -WhatIf, or in verbose or debug output),
        /// so that it is built only then.
        /// </summary>
        internal bool ShowsRequestText => IsWhatIf() || WantsLog;

        /// <summary>Whether -WhatIf (or $WhatIfPreference) is in force (read once per invocation, as PowerShell reads preferences).</summary>
        internal bool IsWhatIf() => _isWhatIf ??=
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)
                ? bound is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(bound)
                : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));

        /// <summary>Whether verbose or debug lines would be shown (-Verbose, -Debug, or the preference variables; read once per invocation).</summary>
        private bool WantsLog => _wantsLog ??= Wants("Verbose", "VerbosePreference") || Wants("Debug", "DebugPreference");

        private bool Wants(string parameter, string preference)
        {
            if (MyInvocation.BoundParameters.TryGetValue(parameter, out var bound))
            {
                return bound is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(bound);
            }

            return LanguagePrimitives.TryConvertTo<ActionPreference>(GetVariableValue(preference), out var action)
                && action is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);
        }

        /// <summary>Writes an ErrorRecord for <paramref name="error"/>, non-terminating.</summary>
        protected void WriteFailure(Exception error, object? target) => WriteError(ToErrorRecord(error, target));

        /// <summary>Stops the cmdlet with an ErrorRecord for <paramref name="error"/>.</summary>
        protected void ThrowFailure(Exception error, object? target) => ThrowTerminatingError(ToErrorRecord(error, target));

        /// <summary>An ErrorRecord with this cmdlet's id prefix.</summary>
        protected ErrorRecord NewError(string reason, ErrorCategory category, object? target, string message, string? recommendedAction = null, Exception? inner = null)
        {
            var record = new ErrorRecord(inner ?? new InvalidOperationException(message), ErrorIdPrefix + reason, category, target);
            record.ErrorDetails = new ErrorDetails(message);
            if (recommendedAction is not null)
            {
                record.ErrorDetails.RecommendedAction = recommendedAction;
            }

            return record;
        }

        /// <summary>Maps the module's exceptions to ErrorRecords: stable id, category, target, a message that says what to do.</summary>
        protected ErrorRecord ToErrorRecord(Exception error, object? target)
        {
            if (error is AggregateException { InnerExceptions.Count: 1 } aggregate)
            {
                error = aggregate.InnerExceptions[0];
            }

            switch (error)
            {
                case S3BatchValidationException invalid:
                    var first = invalid.Failures[0];
                    return NewError(first.Reason, ErrorCategory.InvalidArgument, first.Value ?? target, invalid.Message,
                        "Change the value named in the message; nothing was sent.", invalid);
                case IStableError stable:
                    return NewError(stable.ErrorId, Category(stable.Kind), target, error.Message, null, error);
                case S3BatchServiceException service:
                    return NewError(service.ErrorCode, ServiceCategory(service), target, service.Message,
                        service.RequestId is null ? null : $"AWS request id: {service.RequestId}.", service);
                case S3BatchOutcomeUnknownException unknown:
                    return NewError("OutcomeUnknown", ErrorCategory.OperationTimeout, target, unknown.Message, null, unknown);
                case Amazon.Runtime.AmazonServiceException aws:
                    return NewError(string.IsNullOrEmpty(aws.ErrorCode) ? "AwsError" : aws.ErrorCode,
                        (int)aws.StatusCode == 404 ? ErrorCategory.ObjectNotFound : (int)aws.StatusCode == 403 ? ErrorCategory.PermissionDenied : ErrorCategory.InvalidOperation,
                        target, $"{aws.ErrorCode}: {aws.Message}{(aws.RequestId is { Length: > 0 } id ? $" (request id {id})" : string.Empty)}", null, aws);
                case OperationCanceledException when CancelToken.IsCancellationRequested:
                    return NewError("Stopped", ErrorCategory.OperationStopped, target, "The operation was stopped.", null, error);
                case System.IO.InvalidDataException data:
                    return NewError("InvalidResponse", ErrorCategory.InvalidData, target, data.Message, null, data);
                default:
                    return NewError("Failed", ErrorCategory.NotSpecified, target, error.Message, null, error);
            }
        }

        private static ErrorCategory Category(FailureKind kind) => kind switch
        {
            FailureKind.InvalidData => ErrorCategory.InvalidData,
            FailureKind.NotFound => ErrorCategory.ObjectNotFound,
            FailureKind.Busy => ErrorCategory.ResourceBusy,
            FailureKind.Exists => ErrorCategory.ResourceExists,
            FailureKind.Denied => ErrorCategory.PermissionDenied,
            _ => ErrorCategory.InvalidArgument,
        };

        private static ErrorCategory ServiceCategory(S3BatchServiceException e) => e.ErrorCode switch
        {
            "NotFoundException" or "NoSuchKey" or "NoSuchBucket" => ErrorCategory.ObjectNotFound,
            "AccessDenied" or "SignatureDoesNotMatch" or "InvalidAccessKeyId" or "ExpiredToken" => ErrorCategory.PermissionDenied,
            "JobStatusException" or "IdempotencyException" => ErrorCategory.InvalidOperation,
            "TooManyRequestsException" or "SlowDown" or "TooManyTagsException" => ErrorCategory.LimitsExceeded,
            "InvalidRequestException" or "BadRequestException" or "InvalidNextTokenException" or "InvalidRequest" => ErrorCategory.InvalidArgument,
            "RequestTimeTooSkewed" => ErrorCategory.InvalidOperation,
            _ => e.StatusCode >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.InvalidOperation,
        };

        /// <inheritdoc/>
        public void Dispose()
        {
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }

        private sealed class PumpLog : IRequestLog
        {
            private readonly S3BatchCmdlet _cmdlet;

            public PumpLog(S3BatchCmdlet cmdlet) => _cmdlet = cmdlet;

            public void Verbose(string message) => Post(() => _cmdlet.WriteVerbose(message));

            public void Debug(string message) => Post(() => _cmdlet.WriteDebug(message));

            private void Post(Action write)
            {
                try
                {
                    _cmdlet._pump?.Add(write);
                }
                catch (InvalidOperationException)
                {
                    // The work already finished; the line has nowhere to go.
                }
            }
        }
    }
}
