namespace EdgeCascade.Codec.Weights;

/// <summary>Element types of the safetensors format (header spelling in comments).</summary>
public enum SafeTensorsDType
{
    /// <summary>BOOL.</summary>
    Bool,

    /// <summary>U8.</summary>
    UInt8,

    /// <summary>I8.</summary>
    Int8,

    /// <summary>F8_E5M2.</summary>
    Float8E5M2,

    /// <summary>F8_E4M3.</summary>
    Float8E4M3,

    /// <summary>I16.</summary>
    Int16,

    /// <summary>U16.</summary>
    UInt16,

    /// <summary>F16.</summary>
    Float16,

    /// <summary>BF16.</summary>
    BFloat16,

    /// <summary>I32.</summary>
    Int32,

    /// <summary>U32.</summary>
    UInt32,

    /// <summary>F32.</summary>
    Float32,

    /// <summary>F64.</summary>
    Float64,

    /// <summary>I64.</summary>
    Int64,

    /// <summary>U64.</summary>
    UInt64,
}
