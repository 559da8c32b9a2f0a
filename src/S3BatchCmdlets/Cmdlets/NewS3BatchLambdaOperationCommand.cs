using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>New-S3BatchLambdaOperation: a job operation that invokes a Lambda function for every object (LambdaInvoke).</summary>
    [Cmdlet(VerbsCommon.New, "S3BatchLambdaOperation")]
    [OutputType(typeof(JobOperation))]
    public sealed class NewS3BatchLambdaOperationCommand : OperationBuilderCmdlet
    {
        private static readonly Dictionary<string, string> Names = new() { ["UserArguments"] = nameof(UserArgument) };

        /// <summary>The function's ARN (a version or alias may follow).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string FunctionArn { get; set; } = null!;

        /// <summary>The invocation schema: 1.0, or 2.0 (needed for -UserArgument).</summary>
        [Parameter]
        [ValidateSet("1.0", "2.0")]
        public string? InvocationSchemaVersion { get; set; }

        /// <summary>Key-value pairs passed to the function (schema 2.0; at most 10).</summary>
        [Parameter]
        public Hashtable? UserArgument { get; set; }

        internal override IReadOnlyDictionary<string, string> ParameterNames => Names;

        internal override JobOperation Build()
        {
            var schema = InvocationSchemaVersion;
            if (UserArgument is not null)
            {
                if (schema == "1.0")
                {
                    throw S3BatchValidationException.Single("Operation.LambdaInvoke.InvocationSchemaVersion", "UserArgumentsNeedSchema2",
                        "-UserArgument needs invocation schema 2.0; remove -InvocationSchemaVersion 1.0 or the arguments.", schema);
                }

                schema = "2.0";
            }

            return new JobOperation
            {
                LambdaInvoke = new LambdaInvokeOperation
                {
                    FunctionArn = FunctionArn,
                    InvocationSchemaVersion = schema,
                    UserArguments = PSConvert.Map(UserArgument),
                },
            };
        }
    }
}
