package clientvpntest

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

var endpointsSpec = paramSpec{
	action:  actionEndpoints,
	paged:   true,
	list:    "ClientVpnEndpointId",
	filters: []string{"endpoint-id", "transport-protocol"},
}

// endpointsListing is the describeRequest that stands for a
// DescribeClientVpnEndpoints listing in its pagination tokens: its endpoint
// ids and filters, marked so that a token of one operation never continues
// a listing of the other.
func endpointsListing(p *params) describeRequest {
	return describeRequest{EndpointID: "DescribeClientVpnEndpoints\x00" + strings.Join(p.list, "\x00"), Filters: p.filters}
}

// describeEndpoints answers DescribeClientVpnEndpoints: the endpoints named
// (all of them when none is), in data order, that pass the filters, one page.
func (h *handler) describeEndpoints(p *params, snapshot time.Time) (func(b []byte, id string) []byte, int, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, id := range p.list {
		if h.endpoint(id) == nil {
			return nil, 0, &apiError{http.StatusBadRequest, "InvalidClientVpnEndpointId.NotFound", fmt.Sprintf("Endpoint %s does not exist", id)}
		}
	}
	listing := endpointsListing(p)
	offset := 0
	if p.nextToken != "" {
		var ok bool
		if offset, ok = decodeToken(&listing, p.nextToken); !ok {
			return nil, 0, errInvalidNextToken
		}
	}
	size := p.maxResults
	if size == 0 {
		size = defaultPageSize
	}
	var page []Endpoint
	n := 0
	next := ""
	for i := range h.data.Endpoints {
		e := &h.data.Endpoints[i]
		if len(p.list) > 0 && !slices.Contains(p.list, e.ID) || !endpointMatches(p.filters, e) {
			continue
		}
		n++
		if n <= offset {
			continue
		}
		if len(page) == size {
			next = encodeToken(&listing, offset+size)
			break
		}
		page = append(page, *e) // the XML is built after the lock is released
	}
	region := h.cfg.region
	return func(b []byte, id string) []byte {
		return appendEndpointsResponse(b, id, page, next, region, snapshot)
	}, len(page), nil
}

func (h *handler) endpoint(id string) *Endpoint {
	for i := range h.data.Endpoints {
		if h.data.Endpoints[i].ID == id {
			return &h.data.Endpoints[i]
		}
	}
	return nil
}

// endpointMatches applies the filters endpoint-id and transport-protocol
// (values OR-ed, filters AND-ed, exact comparison).
func endpointMatches(filters []filter, e *Endpoint) bool {
	for _, f := range filters {
		field := e.ID
		if f.Name == "transport-protocol" {
			field = e.transportProtocol()
		}
		if !slices.Contains(f.Values, field) {
			return false
		}
	}
	return true
}

func (e *Endpoint) transportProtocol() string {
	if e.TransportProtocol == "" {
		return "udp"
	}
	return e.TransportProtocol
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func orDefaultInt(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}

// appendEndpointsResponse appends the DescribeClientVpnEndpoints response
// document, laid out as EC2 lays it out.
func appendEndpointsResponse(b []byte, requestID string, page []Endpoint, nextToken, region string, snapshot time.Time) []byte {
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"...)
	b = append(b, `<DescribeClientVpnEndpointsResponse xmlns="`+ec2Namespace+`">`+"\n"...)
	b = appendElem(b, "    ", "requestId", requestID)
	if len(page) == 0 {
		b = append(b, "    <clientVpnEndpoint/>\n"...)
	} else {
		b = append(b, "    <clientVpnEndpoint>\n"...)
		for i := range page {
			b = appendEndpoint(b, &page[i], region, snapshot)
		}
		b = append(b, "    </clientVpnEndpoint>\n"...)
	}
	if nextToken != "" {
		b = appendElem(b, "    ", "nextToken", nextToken)
	}
	b = append(b, "</DescribeClientVpnEndpointsResponse>\n"...)
	return b
}

// appendEndpoint renders one endpoint, members in the EC2 model's order.
func appendEndpoint(b []byte, e *Endpoint, region string, snapshot time.Time) []byte {
	const ind = "            "
	const ind2 = ind + "    "
	const ind3 = ind2 + "    "
	base := snapshot.Truncate(time.Second).UTC()
	b = append(b, "        <item>\n"...)
	b = appendElem(b, ind, "clientVpnEndpointId", e.ID)
	if e.Description != "" {
		b = appendElem(b, ind, "description", e.Description)
	}
	b = append(b, ind+"<status>\n"...)
	b = appendElem(b, ind2, "code", e.status())
	if e.StatusMessage != "" {
		b = appendElem(b, ind2, "message", e.StatusMessage)
	}
	b = append(b, ind+"</status>\n"...)
	b = appendTime(b, ind, "creationTime", base.Add(-e.Created))
	if e.status() == EndpointDeleted {
		b = appendTime(b, ind, "deletionTime", base.Add(-e.Deleted))
	}
	b = appendElem(b, ind, "dnsName", "*."+e.ID+".prod.clientvpn."+region+".amazonaws.com")
	if e.ClientCidrBlock != "" {
		b = appendElem(b, ind, "clientCidrBlock", e.ClientCidrBlock)
	}
	b = appendList(b, ind, "dnsServer", e.DNSServers)
	b = appendElem(b, ind, "splitTunnel", strconv.FormatBool(e.SplitTunnel))
	b = appendElem(b, ind, "vpnProtocol", "openvpn")
	b = appendElem(b, ind, "transportProtocol", e.transportProtocol())
	b = appendElem(b, ind, "vpnPort", strconv.Itoa(orDefaultInt(e.VPNPort, 443)))
	if e.ServerCertificateArn != "" {
		b = appendElem(b, ind, "serverCertificateArn", e.ServerCertificateArn)
	}
	if len(e.Authentication) == 0 {
		b = append(b, ind+"<authenticationOptions/>\n"...)
	} else {
		b = append(b, ind+"<authenticationOptions>\n"...)
		for _, a := range e.Authentication {
			b = append(b, ind2+"<item>\n"...)
			b = appendElem(b, ind3, "type", a.Type)
			switch a.Type {
			case "directory-service-authentication":
				b = append(b, ind3+"<activeDirectory>\n"...)
				b = appendElem(b, ind3+"    ", "directoryId", a.DirectoryID)
				b = append(b, ind3+"</activeDirectory>\n"...)
			case "certificate-authentication":
				b = append(b, ind3+"<mutualAuthentication>\n"...)
				b = appendElem(b, ind3+"    ", "clientRootCertificateChain", a.ClientRootCertificateChain)
				b = append(b, ind3+"</mutualAuthentication>\n"...)
			case "federated-authentication":
				b = append(b, ind3+"<federatedAuthentication>\n"...)
				b = appendElem(b, ind3+"    ", "samlProviderArn", a.SAMLProviderArn)
				if a.SelfServiceSAMLProviderArn != "" {
					b = appendElem(b, ind3+"    ", "selfServiceSamlProviderArn", a.SelfServiceSAMLProviderArn)
				}
				b = append(b, ind3+"</federatedAuthentication>\n"...)
			}
			b = append(b, ind2+"</item>\n"...)
		}
		b = append(b, ind+"</authenticationOptions>\n"...)
	}
	b = append(b, ind+"<connectionLogOptions>\n"...)
	b = appendElem(b, ind2, "Enabled", strconv.FormatBool(e.LogGroup != ""))
	if e.LogGroup != "" {
		b = appendElem(b, ind2, "CloudwatchLogGroup", e.LogGroup)
		if e.LogStream != "" {
			b = appendElem(b, ind2, "CloudwatchLogStream", e.LogStream)
		}
		if e.LogAuthorizationPolicyContext {
			b = appendElem(b, ind2, "IncludeAuthorizationPolicyContext", "true")
		}
	}
	b = append(b, ind+"</connectionLogOptions>\n"...)
	if len(e.Tags) == 0 {
		b = append(b, ind+"<tagSet/>\n"...)
	} else {
		b = append(b, ind+"<tagSet>\n"...)
		for _, t := range e.Tags {
			b = append(b, ind2+"<item>\n"...)
			b = appendElem(b, ind3, "key", t.Key)
			b = appendElem(b, ind3, "value", t.Value)
			b = append(b, ind2+"</item>\n"...)
		}
		b = append(b, ind+"</tagSet>\n"...)
	}
	b = appendList(b, ind, "securityGroupIdSet", e.SecurityGroupIDs)
	if e.VpcID != "" {
		b = appendElem(b, ind, "vpcId", e.VpcID)
	}
	if e.SelfServicePortal {
		b = appendElem(b, ind, "selfServicePortalUrl", "https://self-service.clientvpn.amazonaws.com/endpoints/"+e.ID)
	}
	b = append(b, ind+"<clientConnectOptions>\n"...)
	b = appendElem(b, ind2, "enabled", strconv.FormatBool(e.ClientConnectLambdaArn != ""))
	if e.ClientConnectLambdaArn != "" {
		b = appendElem(b, ind2, "lambdaFunctionArn", e.ClientConnectLambdaArn)
	}
	b = append(b, ind2+"<status>\n"...)
	b = appendElem(b, ind3, "code", "applied")
	b = append(b, ind2+"</status>\n"...)
	b = append(b, ind+"</clientConnectOptions>\n"...)
	b = appendElem(b, ind, "sessionTimeoutHours", strconv.Itoa(orDefaultInt(e.SessionTimeoutHours, 24)))
	b = append(b, ind+"<clientLoginBannerOptions>\n"...)
	b = appendElem(b, ind2, "enabled", strconv.FormatBool(e.BannerText != ""))
	if e.BannerText != "" {
		b = appendElem(b, ind2, "bannerText", e.BannerText)
	}
	b = append(b, ind+"</clientLoginBannerOptions>\n"...)
	b = append(b, ind+"<clientRouteEnforcementOptions>\n"...)
	b = appendElem(b, ind2, "enforced", strconv.FormatBool(e.RouteEnforcement))
	b = append(b, ind+"</clientRouteEnforcementOptions>\n"...)
	b = appendElem(b, ind, "disconnectOnSessionTimeout", strconv.FormatBool(e.DisconnectOnSessionTimeout))
	b = appendElem(b, ind, "endpointIpAddressType", orDefault(e.EndpointIPAddressType, "ipv4"))
	b = appendElem(b, ind, "trafficIpAddressType", orDefault(e.TrafficIPAddressType, "ipv4"))
	if e.TransitGatewayID != "" {
		b = append(b, ind+"<transitGatewayConfiguration>\n"...)
		b = appendElem(b, ind2, "transitGatewayId", e.TransitGatewayID)
		if e.TransitGatewayAttachmentID != "" {
			b = appendElem(b, ind2, "transitGatewayAttachmentId", e.TransitGatewayAttachmentID)
		}
		b = appendList(b, ind2, "availabilityZoneSet", e.AvailabilityZones)
		b = appendList(b, ind2, "availabilityZoneIdSet", e.AvailabilityZoneIDs)
		b = append(b, ind+"</transitGatewayConfiguration>\n"...)
	}
	if len(e.TrustProviders) > 0 {
		b = append(b, ind+"<devicePostureOptions>\n"...)
		b = append(b, ind2+"<trustProviderSet>\n"...)
		for _, p := range e.TrustProviders {
			b = append(b, ind3+"<item>\n"...)
			b = appendElem(b, ind3+"    ", "trustProviderType", p.Type)
			if p.TenantID != "" {
				b = appendElem(b, ind3+"    ", "tenantId", p.TenantID)
			}
			if p.PublicSigningKeyURL != "" {
				b = appendElem(b, ind3+"    ", "publicSigningKeyUrl", p.PublicSigningKeyURL)
			}
			b = append(b, ind3+"</item>\n"...)
		}
		b = append(b, ind2+"</trustProviderSet>\n"...)
		b = append(b, ind+"</devicePostureOptions>\n"...)
	}
	b = append(b, "        </item>\n"...)
	return b
}

// appendList renders a list of strings as <name><item>…</item></name>, or
// <name/> when empty.
func appendList(b []byte, indent, name string, items []string) []byte {
	if len(items) == 0 {
		return append(append(append(b, indent+"<"...), name...), "/>\n"...)
	}
	b = append(append(append(b, indent+"<"...), name...), ">\n"...)
	for _, it := range items {
		b = appendElem(b, indent+"    ", "item", it)
	}
	return append(append(append(b, indent+"</"...), name...), ">\n"...)
}
