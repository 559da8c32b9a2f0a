using System;
using System.Management.Automation;

namespace S3Batch.Cmdlets
{
    /// <summary>A 12-digit account id, or null or empty (a piped job object without one): -AccountId then is "not given".</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateAccountIdOrEmptyAttribute : ValidateArgumentsAttribute
    {
        /// <inheritdoc/>
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            var text = arguments is PSObject ps ? ps.BaseObject as string : arguments as string;
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            if (!System.Text.RegularExpressions.Regex.IsMatch(text, @"^\d{12}$"))
            {
                throw new ValidationMetadataException($"The account id '{text}' is not 12 digits. Give the 12-digit AWS account id that owns the job.");
            }
        }
    }
}
