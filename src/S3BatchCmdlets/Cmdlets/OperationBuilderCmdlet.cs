using System;
using System.Collections.Generic;
using System.Management.Automation;
using S3Batch.Model;

namespace S3Batch.Cmdlets
{
    /// <summary>What the eleven operation builders share: validate the operation, then write it.</summary>
    public abstract class OperationBuilderCmdlet : S3BatchCmdlet
    {
        /// <summary>Model member names whose parameter has another name.</summary>
        internal virtual IReadOnlyDictionary<string, string> ParameterNames { get; } = new Dictionary<string, string>();

        /// <summary>Builds the operation from the parameters.</summary>
        internal abstract JobOperation Build();

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            JobOperation operation;
            try
            {
                operation = Build();
                ShapeValidator.ThrowIfInvalid(operation, "Operation", ParameterFor);
            }
            catch (S3BatchValidationException error)
            {
                ThrowFailure(error, null);
                return;
            }

            WriteObject(operation);
        }

        private string? ParameterFor(string member) =>
            ParameterNames.TryGetValue(member, out var name) ? name
            : MyInvocation.MyCommand.Parameters.ContainsKey(member) ? member
            : null;
    }
}
